package dev.tether.server.web;

import dev.tether.core.policy.PolicyDocument;
import dev.tether.server.policy.PolicyService;
import dev.tether.server.policy.PublishedVersion;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Admin API: a group's policy draft, publishing, and published versions. */
@RequestScoped
@AdminOnly
@Path("v1/admin/tenants")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyAdminResource {
  private static final String GROUP_POLICY = "{tenant}/groups/{group}/policy";

  @Inject PolicyService policies;

  /** 200 with the validated document; 400 naming the invalid key; 404 unknown group. */
  @PUT
  @Path(GROUP_POLICY + "/draft")
  @Consumes(MediaType.APPLICATION_JSON)
  public PolicyDocument saveDraft(
      @PathParam("tenant") String tenant,
      @PathParam("group") String group,
      PolicyDocument document) {
    PolicyDocument validated = document.validated();
    return policies.saveDraft(tenant, group, validated);
  }

  /** 201 {@code {"version","digest","issuedAt","expiresAt"}}; 409 when there is no draft. */
  @POST
  @Path(GROUP_POLICY + "/publish")
  public Response publish(@PathParam("tenant") String tenant, @PathParam("group") String group) {
    PublishedVersion published = policies.publish(tenant, group);
    return Response.status(Response.Status.CREATED).entity(published).build();
  }

  /** 200, newest first. */
  @GET
  @Path(GROUP_POLICY + "/versions")
  public List<PublishedVersion> versions(
      @PathParam("tenant") String tenant, @PathParam("group") String group) {
    return policies.versions(tenant, group);
  }
}
