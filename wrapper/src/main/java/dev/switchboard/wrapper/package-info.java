package dev.switchboard.wrapper;
