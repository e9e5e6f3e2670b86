/**
 * The SmartNet config file ({@code "format": "smartnet/1"}): reading with a message that names the field and the rule
 * for every broken rule, and writing, round-trip exact. Fields a program adds (metrics, provenance) are kept apart
 * from the network and ignored on reading when unknown.
 */
package io.smartnas.space.config;
