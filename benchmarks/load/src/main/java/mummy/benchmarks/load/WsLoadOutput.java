package mummy.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the round lines printed by {@link WsLoad}.
 */
final class WsLoadOutput {

    private static final Pattern ROUND = Pattern.compile("^round=\\d+ .*$", Pattern.MULTILINE);
    private static final Pattern RATE = Pattern.compile(" msgs_per_s=([0-9.]+)");
    private static final Pattern P99 = Pattern.compile(" p99_us=(\\d+)");
    private static final Pattern MESSAGES = Pattern.compile(" messages=(\\d+)");
    private static final Pattern CPU = Pattern.compile(" server_cpu_s=([0-9.]+)");
    private static final Pattern FAILED = Pattern.compile(" status=FAILED reason=(.*)$");

    private WsLoadOutput() {
    }

    static List<RoundResult> parse(String text) {
        List<RoundResult> rounds = new ArrayList<>();
        Matcher line = ROUND.matcher(text);
        while (line.find()) {
            String round = line.group();
            Matcher failed = FAILED.matcher(round);
            Matcher rate = RATE.matcher(round);
            Matcher p99 = P99.matcher(round);
            if (failed.find()) {
                rounds.add(new RoundResult(rate.find() ? Double.parseDouble(rate.group(1)) : Double.NaN,
                        p99.find() ? Long.parseLong(p99.group(1)) / 1000.0 : Double.NaN, failed.group(1)));
            } else if (rate.find() && p99.find()) {
                double messagesPerSecond = Double.parseDouble(rate.group(1));
                RoundResult result = new RoundResult(messagesPerSecond, Long.parseLong(p99.group(1)) / 1000.0,
                        messagesPerSecond > 0 ? null : "no message echoed");
                Matcher messages = MESSAGES.matcher(round);
                Matcher cpu = CPU.matcher(round);
                if (messages.find() && cpu.find()) {
                    result = result.withCpu(Long.parseLong(messages.group(1)), Double.parseDouble(cpu.group(1)));
                }
                rounds.add(result);
            } else {
                rounds.add(RoundResult.failed("unreadable line: " + round));
            }
        }
        if (rounds.isEmpty()) {
            String last = text.strip().lines().reduce((first, second) -> second).orElse("no output");
            rounds.add(RoundResult.failed("the WebSocket load client reported nothing: " + last));
        }
        return rounds;
    }
}
