/**
 * A small certificate issuer shared by the mock license server and tests. Not used by the agent
 * itself; not a public API.
 */
package org.opensmartagent.core.identity.internal.pki;
