package mummy.testing.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import mummy.api.RequestHandler;
import mummy.api.Router;
import mummy.testing.FakeRequest;
import org.junit.jupiter.api.Test;

/** Which route a path reaches: the pattern syntax, path splitting and decoding, and route order. */
class RouterMatchingTest {

    /** A handler answering 200 with its name and path parameters, as {@code user{id=42}}. */
    static RequestHandler tag(String name) {
        return request -> request.respond(200, name + request.pathParams().toMap());
    }

    /** The body of a 200 answer (a route's tag), or the status of any other answer. */
    static String route(Router router, String method, String target) throws Exception {
        FakeRequest request = FakeRequest.of(method, target);
        router.handle(request);
        return request.status() == 200 ? request.responseText() : String.valueOf(request.status());
    }

    static String get(Router router, String target) throws Exception {
        return route(router, "GET", target);
    }

    @Test
    void literalPatternMatchesOnlyTheSamePath() throws Exception {
        Router router = Router.builder().get("/users/list", tag("list")).build();

        assertEquals("list{}", get(router, "/users/list"));
        assertEquals("404", get(router, "/users/lis"));
        assertEquals("404", get(router, "/users/list2"));
        assertEquals("404", get(router, "/Users/list"));
        assertEquals("404", get(router, "/users"));
    }

    @Test
    void rootPatternMatchesOnlyTheRoot() throws Exception {
        Router router = Router.builder().get("/", tag("root")).build();

        assertEquals("root{}", get(router, "/"));
        assertEquals("404", get(router, "/a"));
        assertEquals("404", get(router, "//"));
    }

    @Test
    void namedParametersTakeOneSegmentEachPercentDecoded() throws Exception {
        Router router = Router.builder().get("/users/@id/posts/@post", tag("post")).build();

        assertEquals("post{id=jürgen k, post=7}", get(router, "/users/j%C3%BCrgen%20k/posts/7"));
        assertEquals("post{id=a+b, post=x}", get(router, "/users/a+b/posts/x"));
    }

    @Test
    void namedParameterNeverMatchesAnEmptySegment() throws Exception {
        Router router = Router.builder().get("/users/@id", tag("user")).get("/users/@id/posts", tag("posts")).build();

        assertEquals("404", get(router, "/users/"));
        assertEquals("404", get(router, "/users//posts"));
        assertEquals("user{id=1}", get(router, "/users/1"));
    }

    @Test
    void starMatchesExactlyOneNonEmptySegment() throws Exception {
        Router router = Router.builder().get("/files/*", tag("file")).build();

        assertEquals("file{}", get(router, "/files/a.txt"));
        assertEquals("404", get(router, "/files/"));
        assertEquals("404", get(router, "/files"));
        assertEquals("404", get(router, "/files/a/b"));
    }

    @Test
    void leadingWildcardNeedsTheSuffixAndAtLeastOneCharacterBeforeIt() throws Exception {
        Router router = Router.builder().get("/data/*.json", tag("json")).build();

        assertEquals("json{}", get(router, "/data/report.json"));
        assertEquals("json{}", get(router, "/data/x.json"));
        assertEquals("404", get(router, "/data/.json"));
        assertEquals("404", get(router, "/data/report.jsonx"));
        assertEquals("404", get(router, "/data/report.xml"));
    }

    @Test
    void trailingWildcardNeedsThePrefixAndAtLeastOneCharacterAfterIt() throws Exception {
        Router router = Router.builder().get("/page_*", tag("page")).build();

        assertEquals("page{}", get(router, "/page_2"));
        assertEquals("404", get(router, "/page_"));
        assertEquals("404", get(router, "/apage_2"));
    }

    @Test
    void innerWildcardsNeedEveryLiteralPieceInOrder() throws Exception {
        Router router = Router.builder().get("/a*b", tag("ab")).get("/*_v_*", tag("v")).build();

        assertEquals("ab{}", get(router, "/axb"));
        assertEquals("ab{}", get(router, "/abbb"));
        assertEquals("404", get(router, "/ab"));
        assertEquals("404", get(router, "/axbc"));
        assertEquals("v{}", get(router, "/x_v_y"));
        assertEquals("v{}", get(router, "/x_v__v_y"));
        assertEquals("404", get(router, "/_v_y"));
        assertEquals("404", get(router, "/x_v_"));
    }

    @Test
    void doubleStarAtTheEndTakesOneOrMoreSegments() throws Exception {
        Router router = Router.builder().get("/static/**", tag("static")).build();

        assertEquals("static{}", get(router, "/static/a"));
        assertEquals("static{}", get(router, "/static/a/b/c.css"));
        assertEquals("static{}", get(router, "/static/dir/"));
        assertEquals("404", get(router, "/static"));
        assertEquals("404", get(router, "/static/"));
        assertEquals("404", get(router, "/static//"));
    }

    @Test
    void doubleStarFollowedByMorePartsLeavesThemTheirSegments() throws Exception {
        Router router = Router.builder().get("/static/**/index.html", tag("index")).build();

        assertEquals("index{}", get(router, "/static/a/index.html"));
        assertEquals("index{}", get(router, "/static/a/b/index.html"));
        assertEquals("404", get(router, "/static/index.html"));
        assertEquals("404", get(router, "/static/a/index.html/x"));
        assertEquals("404", get(router, "/static/a/b"));
    }

    @Test
    void doubleStarBacktracksPastAnEarlyLiteralMatch() throws Exception {
        Router router = Router.builder()
                .get("/**/x/@last", tag("last"))
                .get("/@user/**/edit", tag("edit"))
                .build();

        assertEquals("last{last=c}", get(router, "/a/x/b/x/c"));
        assertEquals("edit{user=bob}", get(router, "/bob/a/edit/b/edit"));
    }

    @Test
    void leftoverPathSegmentsNeverMatch() throws Exception {
        Router router = Router.builder()
                .get("/users", tag("users"))
                .get("/users/@id", tag("user"))
                .get("/**/b", tag("b"))
                .build();

        assertEquals("404", get(router, "/users/42/extra"));
        assertEquals("404", get(router, "/x/b/y"));
        assertEquals("user{id=42}", get(router, "/users/42"));
    }

    @Test
    void leftoverPatternPartsNeverMatch() throws Exception {
        Router router = Router.builder()
                .get("/a/**/b/c", tag("abc"))
                .get("/users/@id/posts", tag("posts"))
                .build();

        assertEquals("404", get(router, "/a/x/y/b"));
        assertEquals("404", get(router, "/a/x/b"));
        assertEquals("404", get(router, "/users/42"));
        assertEquals("abc{}", get(router, "/a/x/y/b/c"));
    }

    @Test
    void firstRegisteredMatchingRouteWins() throws Exception {
        Router paramFirst = Router.builder().get("/users/@id", tag("param")).get("/users/me", tag("me")).build();
        Router literalFirst = Router.builder().get("/users/me", tag("me")).get("/users/@id", tag("param")).build();

        assertEquals("param{id=me}", get(paramFirst, "/users/me"));
        assertEquals("me{}", get(literalFirst, "/users/me"));
        assertEquals("param{id=you}", get(literalFirst, "/users/you"));
    }

    @Test
    void trailingSlashIsSignificant() throws Exception {
        Router router = Router.builder().get("/a", tag("a")).get("/b/", tag("b/")).build();

        assertEquals("404", get(router, "/a/"));
        assertEquals("404", get(router, "/b"));
        assertEquals("a{}", get(router, "/a"));
        assertEquals("b/{}", get(router, "/b/"));
    }

    @Test
    void encodedSlashStaysInsideOneSegment() throws Exception {
        Router router = Router.builder()
                .get("/files/@name", tag("name"))
                .get("/dirs/a/b", tag("ab"))
                .get("/pairs/*/*", tag("pair"))
                .build();

        assertEquals("name{name=a/b}", get(router, "/files/a%2Fb"));
        assertEquals("404", get(router, "/dirs/a%2Fb"));
        assertEquals("404", get(router, "/pairs/a%2fb"));
        assertEquals("ab{}", get(router, "/dirs/a/b"));
    }

    @Test
    void patternLiteralsMayBePercentEncoded() throws Exception {
        Router router = Router.builder().get("/caf%C3%A9", tag("cafe")).get("/files/%2A", tag("star")).build();

        assertEquals("cafe{}", get(router, "/café"));
        assertEquals("cafe{}", get(router, "/caf%c3%a9"));
        assertEquals("star{}", get(router, "/files/*"));
        assertEquals("404", get(router, "/files/x"));
    }

    @Test
    void queryStringIsIgnoredForMatching() throws Exception {
        Router router = Router.builder().get("/search", tag("search")).get("/users/@id", tag("user")).build();

        assertEquals("search{}", get(router, "/search?q=/users/1"));
        assertEquals("search{}", get(router, "/search?"));
        assertEquals("user{id=7}", get(router, "/users/7?id=8"));
    }

    @Test
    void absoluteFormTargetIsMatchedByItsPath() throws Exception {
        Router router = Router.builder().get("/", tag("root")).get("/users/@id", tag("user")).build();

        assertEquals("user{id=42}", get(router, "http://example.com:8080/users/42?x=/y"));
        assertEquals("user{id=7}", get(router, "HTTPS://user@example.com/users/7"));
        assertEquals("root{}", get(router, "http://example.com"));
        assertEquals("root{}", get(router, "http://example.com?next=/users/1"));
    }

    @Test
    void asteriskTargetMatchesOnlyTheAsteriskPattern() throws Exception {
        Router withAsterisk = Router.builder().options("/**", tag("path")).options("*", tag("server")).build();
        Router withoutAsterisk = Router.builder().options("/**", tag("path")).build();

        assertEquals("server{}", route(withAsterisk, "OPTIONS", "*"));
        assertEquals("path{}", route(withAsterisk, "OPTIONS", "/x"));
        assertEquals("204", route(withoutAsterisk, "OPTIONS", "*"), "answered by the automatic OPTIONS");
        assertEquals("404", route(Router.builder().options("/**", tag("path")).automaticOptions(false).build(),
                "OPTIONS", "*"));
    }

    @Test
    void targetWithoutPathMatchesNoRoute() throws Exception {
        Router router = Router.builder().route("CONNECT", "/**", tag("any")).build();

        assertEquals("404", route(router, "CONNECT", "example.com:443"));
        assertEquals("404", route(router, "CONNECT", "urn:isbn:123"));
    }

    @Test
    void lastOfFiftyRoutesIsFound() throws Exception {
        Router.Builder builder = Router.builder();
        for (int i = 0; i < 49; i++) {
            builder.get("/section" + i + "/@id/*.json", tag("route" + i));
        }
        Router router = builder.get("/section/**/@id", tag("last")).build();

        assertEquals("last{id=9}", get(router, "/section/a/b/9"));
        assertEquals("route48{id=3}", get(router, "/section48/3/x.json"));
        assertEquals("404", get(router, "/section49/3/x.json"));
    }
}
