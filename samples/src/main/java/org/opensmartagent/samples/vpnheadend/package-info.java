/**
 * Sample: a VPN headend that counts users and connections on the agent and enforces the licenses'
 * coexistence rules itself. Start with {@link
 * org.opensmartagent.samples.vpnheadend.VpnHeadendDemo}.
 */
package org.opensmartagent.samples.vpnheadend;
