/**
 * The JSON codec of {@link mummy.api.Request#bodyAs(Class)} and
 * {@link mummy.api.Request#respondJson(int, Object)}, on Jackson 3: put this module on the module
 * path and the server finds {@link mummy.json.jackson.JacksonJsonCodec} with
 * {@link java.util.ServiceLoader}; no code is needed. Records, collections and generic types are
 * read and written without annotations.
 *
 * <p>Jackson reads and writes an application's types by reflection, so the module that holds them
 * must let it: {@code exports} their package (public records and classes with public members), or
 * {@code opens} it to {@code tools.jackson.databind}.
 *
 * <p>Unlike a provider-only module it also exports its package: an application that wants its own
 * Jackson settings passes {@link mummy.json.jackson.JacksonJsonCodec#of JacksonJsonCodec.of(mapper)}
 * to {@code Server.builder().jsonCodec(...)}.
 *
 * @provides mummy.api.spi.JsonCodec
 */
module mummy.json.jackson {
    // Transitive: JacksonJsonCodec implements mummy.api.spi.JsonCodec.
    requires transitive mummy.api;
    // Transitive: JacksonJsonCodec.of takes and mapper() returns Jackson's ObjectMapper.
    requires transitive tools.jackson.databind;

    exports mummy.json.jackson;

    provides mummy.api.spi.JsonCodec with mummy.json.jackson.JacksonJsonCodec;
}
