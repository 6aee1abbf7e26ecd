package mummy.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A typical API response of about 4 KiB: an array of user objects with repeated keys and varied
 * values, from a fixed seed so that every run compresses the same bytes.
 */
final class Json4k {

    /** The target size; the body is the first whole array at least this long. */
    static final int SIZE = 4096;

    private static final String[] NAMES = {"Ada", "Grace", "Linus", "Barbara", "Ken", "Margaret", "Dennis", "Edsger"};
    private static final String[] ROLES = {"reader", "editor", "admin", "billing", "support"};

    private Json4k() {
    }

    /**
     * The body.
     *
     * @return 4178 bytes of UTF-8 JSON (870 gzipped)
     */
    static byte[] body() {
        SplittableRandom random = new SplittableRandom(42);
        StringBuilder json = new StringBuilder(SIZE + 256).append('[');
        for (int id = 1; json.length() < SIZE - 1; id++) {
            if (id > 1) {
                json.append(',');
            }
            String name = NAMES[random.nextInt(NAMES.length)];
            json.append("{\"id\":").append(1000 + id * 37)
                    .append(",\"name\":\"").append(name).append(' ').append((char) ('A' + random.nextInt(26))).append('.')
                    .append("\",\"email\":\"").append(name.toLowerCase(java.util.Locale.ROOT)).append(id).append("@example.com")
                    .append("\",\"active\":").append(random.nextBoolean())
                    .append(",\"roles\":[\"").append(ROLES[random.nextInt(ROLES.length)]).append("\"]")
                    .append(",\"score\":").append(random.nextInt(100_000) / 100.0)
                    .append(",\"lastLogin\":\"2025-0").append(1 + random.nextInt(9)).append('-')
                    .append(10 + random.nextInt(18)).append("T12:").append(10 + random.nextInt(50)).append(":00Z\"}");
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }
}
