package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link ModuleOrigin#of} on modules this test JVM really has: mummy.io from the module path (as
 * the build runs its tests), java.base linked into the JDK's runtime image (where an application
 * image's modules also live), and the class path's unnamed module. A real application image
 * without a scheduler is {@code RuntimeImageTest} in mummy.examples.
 */
class ModuleOriginTest {

    @Test
    void mummyIoUnderTestIsOnTheModulePath() {
        assertEquals(ModuleOrigin.MODULE_PATH, ModuleOrigin.of(Schedulers.class.getModule()));
    }

    @Test
    void aModuleLinkedIntoTheRuntimeImageIsTold() {
        assertEquals(ModuleOrigin.RUNTIME_IMAGE, ModuleOrigin.of(Object.class.getModule()));
        assertEquals(ModuleOrigin.RUNTIME_IMAGE, ModuleOrigin.of(java.util.logging.Logger.class.getModule()));
    }

    @Test
    void theClassPathIsTheUnnamedModule() {
        assertEquals(ModuleOrigin.CLASS_PATH, ModuleOrigin.of(ClassLoader.getSystemClassLoader().getUnnamedModule()));
    }
}
