/**
 * The test kit: draft.
 */
package mummy.testing;
