package com.verk.server.tenancy;

/** A Verk organization: the tenant every object belongs to. */
public record Organization(String id, String name, Plan plan) {}
