/**
 * The mock license server's engine: accounts, tokens, license pools and product instances under one
 * lock, its PKI, the protocol handler and the HTTP dispatcher. Not a public API.
 */
package org.opensmartagent.testkit.internal;
