/**
 * The stateless REST api: turns each client request into a bus command for the wrappers and
 * serves participants' messages by HTTP polling of their RabbitMQ queues. No state lives in an
 * instance's memory; any instance can serve any request.
 */
package dev.switchboard.api;
