/**
 * The mock server's database: one JDBC implementation for SQLite and PostgreSQL, with versioned
 * schema migrations. Not public API.
 */
package org.opensmartagent.testkit.internal.store;
