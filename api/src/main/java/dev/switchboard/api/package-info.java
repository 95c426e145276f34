package dev.switchboard.api;
