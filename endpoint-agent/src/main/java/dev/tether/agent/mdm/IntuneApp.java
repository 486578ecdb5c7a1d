package dev.tether.agent.mdm;

import dev.tether.core.json.JsonCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the Intune Win32 app definition ({@value #FILE}): the fields of a Microsoft Graph {@code
 * win32LobApp} (install and uninstall command lines, run as System, detection rule, MSI return
 * codes) for the {@code .intunewin} package built from {@link IntuneScript#FILE} and {@link
 * IntuneScript#MSI}. It holds no secret: the token stays in the script.
 */
public final class IntuneApp {
  /** File name. */
  public static final String FILE = "intune-win32-app.json";

  /** Install command Intune runs (as System) inside the extracted package. */
  public static final String INSTALL_COMMAND =
      "powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File .\\"
          + IntuneScript.FILE;

  /** Uninstall command (explicit, privileged removal; the agent never removes itself). */
  public static final String UNINSTALL_COMMAND =
      "msiexec.exe /x " + IntuneScript.MSI + " /qn /norestart";

  private IntuneApp() {}

  /** The definition as JSON bytes. */
  public static byte[] render(MdmProfile model) {
    Map<String, Object> app = new LinkedHashMap<>();
    app.put("@odata.type", "#microsoft.graph.win32LobApp");
    app.put("displayName", "Tether agent");
    app.put("description", "Tether AI-usage governance agent, enrolling with " + model.server());
    app.put("publisher", model.organization());
    app.put("fileName", "tether-agent.intunewin");
    app.put("setupFilePath", IntuneScript.FILE);
    app.put("installCommandLine", INSTALL_COMMAND);
    app.put("uninstallCommandLine", UNINSTALL_COMMAND);
    app.put(
        "installExperience", Map.of("runAsAccount", "system", "deviceRestartBehavior", "suppress"));
    app.put(
        "detectionRules",
        List.of(
            Map.of(
                "@odata.type", "#microsoft.graph.win32LobAppFileSystemDetection",
                "path", "%ProgramData%\\Tether",
                "fileOrFolderName", "enrollment.json",
                "check32BitOn64System", false,
                "detectionType", "exists")));
    app.put(
        "returnCodes",
        List.of(
            Map.of("returnCode", 0, "type", "success"),
            Map.of("returnCode", 1707, "type", "success"),
            Map.of("returnCode", 3010, "type", "softReboot"),
            Map.of("returnCode", 1641, "type", "hardReboot"),
            Map.of("returnCode", 1618, "type", "retry")));
    app.put("minimumSupportedWindowsRelease", "1809");
    app.put("applicableArchitectures", "x64");
    return JsonCodec.write(app);
  }
}
