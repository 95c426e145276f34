/**
 * The wrapper: consumes the api's commands from RabbitMQ, drives media servers through the
 * Kurento Java client and keeps every session's state in MongoDB (design.md "The parts").
 */
package dev.switchboard.wrapper;
