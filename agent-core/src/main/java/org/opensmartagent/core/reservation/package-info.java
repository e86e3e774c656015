/**
 * Offline license reservation (SLR and PLR): the formats of request, authorization, confirmation
 * and return codes, shared by the agent and license servers. See {@code docs/protocol.md}.
 */
package org.opensmartagent.core.reservation;
