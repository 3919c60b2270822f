package com.verk.sdk;

/**
 * The organization an event happened in.
 *
 * @param id the organization id, {@code org_…}
 * @param name the organization's name, e.g. {@code Acme Inc}
 */
public record Organization(String id, String name) {}
