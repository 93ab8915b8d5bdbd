package org.rapport.customer;

import org.rapport.shared.Actor;
import org.rapport.shared.CustomerId;

/** Two records of one person became one: everything of {@code merged} now belongs to {@code survivor}. */
public record CustomersMerged(CustomerId merged, CustomerId survivor, Actor actor) {}
