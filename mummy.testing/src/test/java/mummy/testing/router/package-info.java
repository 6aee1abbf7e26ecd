/**
 * Tests of {@link mummy.api.Router} that answer through {@link mummy.testing.FakeRequest}. They
 * live here rather than in mummy.api's tests because mummy.api's tests cannot depend on the kit
 * (the kit depends on mummy.api); so they test the router through its public API only, and the
 * white-box tests of its parts (patterns, the routed request) stay in mummy.api.
 */
package mummy.testing.router;
