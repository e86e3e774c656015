/**
 * Sample: an email gateway that gates its mail pipeline's stages on the agent. Start with {@link
 * org.opensmartagent.samples.emailgateway.EmailGatewayDemo}.
 */
package org.opensmartagent.samples.emailgateway;
