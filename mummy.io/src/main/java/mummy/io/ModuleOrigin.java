package mummy.io;

import java.lang.module.ResolvedModule;

/**
 * Where a module was loaded from, which decides what to tell a user whose scheduler is missing.
 *
 * <p>Told apart by what the JVM reports: a module on the class path is unnamed; a module linked
 * into a runtime image with jlink has a {@code jrt:} location (as the JDK's own modules do, and as
 * {@code java.home}'s image reports), and such an image is launched with no module path at all;
 * anything else (a jar or directory on {@code --module-path}, a custom layer) counts as the
 * module path.
 *
 * <p>Threading: immutable; any thread.
 */
enum ModuleOrigin {

    /** A jar or directory on {@code --module-path} (or in a layer built from one). */
    MODULE_PATH("put one of the modules mummy.sched.pool, mummy.sched.fj or mummy.sched.virtual on the module path"),
    /** The class path, where the scheduler jars are found through their {@code META-INF/services} entry. */
    CLASS_PATH("mummy.io is on the class path; put one of the jars mummy.sched.pool, mummy.sched.fj or"
            + " mummy.sched.virtual on the class path too (or everything on the module path)"),
    /** A runtime image made by jlink, which holds only the modules linked into it. */
    RUNTIME_IMAGE("this runtime image was linked without one; link it again with jlink --add-modules"
            + " mummy.sched.virtual (or mummy.sched.pool or mummy.sched.fj), or with --bind-services to link"
            + " every provider on jlink's module path");

    private final String schedulerAdvice;

    ModuleOrigin(String schedulerAdvice) {
        this.schedulerAdvice = schedulerAdvice;
    }

    /**
     * Where {@code module} was loaded from.
     *
     * @param module a module, named or not
     * @return its origin
     */
    static ModuleOrigin of(Module module) {
        if (!module.isNamed()) {
            return CLASS_PATH;
        }
        ModuleLayer layer = module.getLayer();
        boolean linked = layer != null && layer.configuration().findModule(module.getName())
                .map(ResolvedModule::reference)
                .flatMap(reference -> reference.location())
                .filter(location -> "jrt".equals(location.getScheme()))
                .isPresent();
        return linked ? RUNTIME_IMAGE : MODULE_PATH;
    }

    /**
     * What to do when no scheduler provider is found, as the end of an error message.
     *
     * @return the advice
     */
    String schedulerAdvice() {
        return schedulerAdvice;
    }
}
