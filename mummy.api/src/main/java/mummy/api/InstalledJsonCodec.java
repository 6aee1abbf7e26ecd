package mummy.api;

import java.util.List;
import java.util.ServiceLoader;
import mummy.api.spi.JsonCodec;

/**
 * The {@link JsonCodec} found with {@link ServiceLoader}: the default of {@link Request#jsonCodec()}.
 * Looked up once, on first use.
 *
 * <p>Threading: the holder idiom; the lookup runs once, under the class initialisation lock.
 */
final class InstalledJsonCodec {

    private InstalledJsonCodec() {
    }

    /**
     * The one codec present.
     *
     * @return the codec
     * @throws IllegalStateException if none is present, or more than one (naming them)
     */
    static JsonCodec get() {
        List<JsonCodec> found = Holder.FOUND;
        if (found.size() == 1) {
            return found.getFirst();
        }
        throw new IllegalStateException(found.isEmpty()
                ? "no JSON codec: add the module mummy.json.jackson (Maven artifact io.mummy:mummy.json.jackson)"
                        + " to the module path, or set a codec with Server.builder().jsonCodec(...)"
                : "more than one JSON codec found (" + found.stream().map(codec -> codec.getClass().getName()).toList()
                        + "): choose one with Server.builder().jsonCodec(...)");
    }

    private static final class Holder {
        static final List<JsonCodec> FOUND = ServiceLoader.load(JsonCodec.class, InstalledJsonCodec.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList();
    }
}
