/**
 * The application the module-path and runtime-image tests run: JSON through Request.bodyAs and
 * respondJson, with whatever codec the module path provides (mummy.json.jackson).
 */
module jsonapp {
    requires mummy.io;
    // Exported, so that Jackson may read and write the public records by reflection.
    exports jsonapp;
}
