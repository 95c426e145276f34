/**
 * Byte-order helpers the protocol packages share; the bottom of the module, depending on nothing
 * else in it.
 */
package dev.switchboard.webrtc.bytes;
