/** The admin HTTP/JSON API and the state file, the only places that use Jackson. */
package org.opensmartagent.testkit.internal.json;
