package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Schedulers#select}, the selection rule without ServiceLoader: explicit name, else
 * {@code -Dmummy.scheduler}, else the only provider present, else "pool". The child-JVM tests in
 * mummy.examples check the same rule with real modules.
 */
class SchedulersSelectTest {

    private static final List<String> ALL = List.of("forkjoin", "pool", "virtual");

    @Test
    void explicitNameWins() {
        assertEquals("virtual", Schedulers.select("virtual", null, ALL));
    }

    @Test
    void explicitNameWinsOverTheProperty() {
        assertEquals("forkjoin", Schedulers.select("forkjoin", "virtual", ALL));
    }

    @Test
    void explicitNameWinsOverTheOnlyProviderPresent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Schedulers.select("pool", null, List.of("virtual")));
        assertEquals("unknown scheduler \"pool\" (from scheduler(\"pool\")); schedulers found: virtual", e.getMessage());
    }

    @Test
    void unknownExplicitNameFailsNamingItsSourceAndTheNamesFound() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Schedulers.select("fibers", "virtual", ALL));
        assertEquals("unknown scheduler \"fibers\" (from scheduler(\"fibers\")); schedulers found: forkjoin, pool, virtual",
                e.getMessage());
    }

    @Test
    void explicitBlankNameIsAnErrorNotAFallback() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Schedulers.select("", null, ALL));
        assertEquals("unknown scheduler \"\" (from scheduler(\"\")); schedulers found: forkjoin, pool, virtual", e.getMessage());
    }

    @Test
    void propertyChoosesWhenNoNameIsGiven() {
        assertEquals("virtual", Schedulers.select(null, "virtual", ALL));
    }

    @Test
    void propertyIsStripped() {
        assertEquals("forkjoin", Schedulers.select(null, " forkjoin\t", ALL));
    }

    @Test
    void propertyChoosesAlsoWhenOnlyOneOtherProviderIsPresent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Schedulers.select(null, "pool", List.of("forkjoin")));
        assertEquals("unknown scheduler \"pool\" (from -Dmummy.scheduler=pool); schedulers found: forkjoin", e.getMessage());
    }

    @Test
    void unknownPropertyFailsNamingItsSourceAndTheNamesFound() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Schedulers.select(null, "bogus", ALL));
        assertEquals("unknown scheduler \"bogus\" (from -Dmummy.scheduler=bogus); schedulers found: forkjoin, pool, virtual",
                e.getMessage());
    }

    @Test
    void unknownPropertyMessageShowsTheValueAsGiven() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Schedulers.select(null, " bogus ", ALL));
        assertEquals("unknown scheduler \"bogus\" (from -Dmummy.scheduler= bogus ); schedulers found: forkjoin, pool, virtual",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void blankPropertyCountsAsUnset(String blank) {
        assertEquals("pool", Schedulers.select(null, blank, ALL));
        assertEquals("virtual", Schedulers.select(null, blank, List.of("virtual")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"forkjoin", "pool", "virtual"})
    void onlyProviderPresentIsChosenWhenNoneIsNamed(String only) {
        assertEquals(only, Schedulers.select(null, null, List.of(only)));
    }

    @Test
    void poolIsTheDefaultAmongSeveral() {
        assertEquals("pool", Schedulers.select(null, null, ALL));
        assertEquals(Schedulers.DEFAULT, Schedulers.select(null, null, List.of("pool", "virtual")));
    }

    @Test
    void severalProvidersWithoutPoolAndNoNameFail() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Schedulers.select(null, null, List.of("forkjoin", "virtual")));
        assertEquals("unknown scheduler \"pool\" (from the default); schedulers found: forkjoin, virtual", e.getMessage());
    }

    @Test
    void noProviderPresentFailsEvenWithAName() {
        String expected = "no scheduler provider found: put one of the modules mummy.sched.pool, mummy.sched.fj or"
                + " mummy.sched.virtual on the module path";
        assertEquals(expected, assertThrows(IllegalArgumentException.class,
                () -> Schedulers.select(null, null, List.of())).getMessage());
        assertEquals(expected, assertThrows(IllegalArgumentException.class,
                () -> Schedulers.select("pool", "virtual", List.of())).getMessage());
    }

    @Test
    void noProviderInARuntimeImageSaysHowToLinkOne() {
        assertEquals("no scheduler provider found: this runtime image was linked without one; link it again with"
                        + " jlink --add-modules mummy.sched.virtual (or mummy.sched.pool or mummy.sched.fj), or with"
                        + " --bind-services to link every provider on jlink's module path",
                assertThrows(IllegalArgumentException.class,
                        () -> Schedulers.select("pool", null, List.of(), ModuleOrigin.RUNTIME_IMAGE)).getMessage());
    }

    @Test
    void noProviderOnTheClassPathSaysToAddOneThere() {
        assertEquals("no scheduler provider found: mummy.io is on the class path; put one of the jars"
                        + " mummy.sched.pool, mummy.sched.fj or mummy.sched.virtual on the class path too"
                        + " (or everything on the module path)",
                assertThrows(IllegalArgumentException.class,
                        () -> Schedulers.select(null, null, List.of(), ModuleOrigin.CLASS_PATH)).getMessage());
    }
}
