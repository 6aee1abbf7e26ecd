/**
 * Unit tests of {@link mummy.web.tus.TusUploads} that answer through
 * {@link mummy.testing.FakeRequest}, with a time source the test moves and bodies that block or
 * fail on cue. They live here rather than in mummy.web's tests because mummy.web's tests cannot
 * depend on the kit: mummy.io's tests depend on mummy.web, and the kit on mummy.io, which would
 * make a cycle. So they test TusUploads through its public API only.
 */
package mummy.testing.tus;
