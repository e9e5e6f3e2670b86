/**
 * SmartNet supernets: the largest network of a space, whose parameters every smaller network of the space shares, and
 * where each of those networks' channels sit in it.
 */
package io.smartnas.space.supernet;
