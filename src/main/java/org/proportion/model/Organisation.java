package org.proportion.model;

/** An agency at the table; each is the controller of what it sends. */
public record Organisation(String id, String name, String type) {
}
