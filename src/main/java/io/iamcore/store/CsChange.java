package io.iamcore.store;

/** A committed-to-be change of one connector-space object, as the sync pipeline sees it. */
public record CsChange(CsObject before, CsObject after) {}
