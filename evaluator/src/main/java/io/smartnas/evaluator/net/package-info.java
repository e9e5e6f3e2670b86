/**
 * SmartNet as a DJL block: the stem, one Smart Block per unpruned cell and one head per exit, computed column by
 * column exactly as the specification says, with one output per exit. Parameters are grouped per exit group so that
 * a deployment stores and loads exits separately.
 */
package io.smartnas.evaluator.net;
