/**
 * Small runnable integrations that show how firmware links the agent and gates features on it: an
 * email gateway ({@code emailgateway}) and a VPN headend ({@code vpnheadend}).
 */
package org.opensmartagent.samples;
