package dev.tether.server.web;

import dev.tether.server.policy.DeviceIdentity;
import dev.tether.server.policy.DeviceService;
import dev.tether.server.policy.release.CurrentRelease;
import dev.tether.server.policy.release.ReleaseService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.nio.file.Files;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The agent API for self-update ({@code dev.tether.core.api.AgentApi#RELEASES}): the newest signed
 * release record of a platform (ETag, 304) and its artifact. Devices authenticate by credential;
 * the tenant comes from the device record. Installing is left to the OS package manager.
 */
@ApplicationScoped
@Path("v1/agent")
@Tag(name = "agent", description = "Agent API (device credential)")
@SecurityRequirement(name = OpenApiDefinitions.DEVICE)
public class AgentReleaseResource {
  @Inject DeviceService devices;
  @Inject ReleaseService releases;

  /** 200 envelope with a strong ETag; 304 when If-None-Match matches; 404 no release. */
  @Operation(
      operationId = "agentRelease",
      summary = "Fetch the newest signed release record of a platform (ETag, 304)")
  @APIResponse(responseCode = "200", description = "signed envelope; header ETag")
  @APIResponse(responseCode = "304", description = "unchanged since If-None-Match")
  @APIResponse(responseCode = "401", description = "unknown device credential")
  @APIResponse(responseCode = "404", description = "no release for the platform")
  @GET
  @Path("releases/{platform}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response release(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
      @PathParam("platform") String platform) {
    DeviceIdentity device = authenticate(authorization);
    CurrentRelease current = releases.current(device.tenant(), platform, ifNoneMatch);
    if (current.envelope().isEmpty()) {
      return Response.notModified().header(HttpHeaders.ETAG, current.etag()).build();
    }
    return Response.ok(current.envelope().get(), MediaType.APPLICATION_JSON_TYPE)
        .header(HttpHeaders.ETAG, current.etag())
        .header(HttpHeaders.CACHE_CONTROL, "no-cache")
        .build();
  }

  /** 200 the artifact bytes ({@code Content-Length}); 404 no release or file. */
  @Operation(
      operationId = "agentReleaseArtifact",
      summary = "Download the artifact of the platform's newest release")
  @APIResponse(responseCode = "200", description = "the package bytes")
  @APIResponse(responseCode = "401", description = "unknown device credential")
  @APIResponse(responseCode = "404", description = "no release or artifact for the platform")
  @GET
  @Path("releases/{platform}/artifact")
  @Produces(MediaType.APPLICATION_OCTET_STREAM)
  public Response artifact(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("platform") String platform) {
    DeviceIdentity device = authenticate(authorization);
    ReleaseService.Artifact artifact = releases.artifact(device.tenant(), platform);
    StreamingOutput body =
        out -> {
          try (InputStream in = Files.newInputStream(artifact.file())) {
            byte[] buffer = new byte[64 * 1024];
            long left = artifact.size();
            for (int n = in.read(buffer); n > 0 && left > 0; n = in.read(buffer)) {
              int write = (int) Math.min(n, left);
              out.write(buffer, 0, write);
              left -= write;
            }
          }
        };
    return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM_TYPE)
        .header(HttpHeaders.CONTENT_LENGTH, artifact.size())
        .header(
            HttpHeaders.ETAG,
            "\"" + artifact.sha256().substring("sha256:".length(), "sha256:".length() + 32) + "\"")
        .build();
  }

  private DeviceIdentity authenticate(String authorization) {
    return devices.authenticate(Bearer.secret(authorization).orElse(null));
  }
}
