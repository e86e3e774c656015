/**
 * The licensing protocol's one shared definition: the canonical payload of every message, as signed
 * and as carried by every transport. The agent and the mock license server both encode and decode
 * with {@link org.opensmartagent.core.protocol.ProtocolCodec}; see {@code docs/protocol.md}.
 */
package org.opensmartagent.core.protocol;
