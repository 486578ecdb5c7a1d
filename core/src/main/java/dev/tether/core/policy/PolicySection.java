package dev.tether.core.policy;

/** An optional section of a {@link PolicyDocument}, left out of the JSON when it says nothing. */
public interface PolicySection {

  /** True if this section equals its default, so it can be omitted from the canonical JSON. */
  boolean definesNothing();
}
