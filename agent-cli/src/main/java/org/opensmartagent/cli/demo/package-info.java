/** The {@code license_smart demo} walk-through. */
package org.opensmartagent.cli.demo;
