/** The agent's side of the wire protocol: signing requests and verifying answers. Not API. */
package org.opensmartagent.core.internal.wire;
