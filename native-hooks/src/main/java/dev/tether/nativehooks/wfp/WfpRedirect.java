package dev.tether.nativehooks.wfp;

import dev.tether.nativehooks.RedirectException;
import dev.tether.nativehooks.RedirectSpec;
import dev.tether.nativehooks.TrafficRedirect;

/**
 * {@link TrafficRedirect} on Windows: connect redirection needs Tether's kernel callout driver (not
 * built yet; see the module README). Every call says so instead of pretending: with no redirect,
 * Windows runs the explicit proxy only.
 */
public final class WfpRedirect implements TrafficRedirect {
  static final String MISSING =
      "Windows redirect needs the Tether WFP callout driver (ALE_CONNECT_REDIRECT layers), which"
          + " is not built yet; run the explicit proxy";

  @Override
  public void install(RedirectSpec spec) throws RedirectException {
    throw new RedirectException(MISSING);
  }

  @Override
  public void remove() throws RedirectException {
    throw new RedirectException(MISSING);
  }

  @Override
  public boolean isInstalled(RedirectSpec spec) throws RedirectException {
    throw new RedirectException(MISSING);
  }

  @Override
  public boolean isPresent() throws RedirectException {
    throw new RedirectException(MISSING);
  }
}
