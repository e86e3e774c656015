package org.opensmartagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --json documents keep the schema documented in docs/cli.md. */
class JsonSchemaTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  @TempDir Path tmp;
  private Cli cli;

  @BeforeEach
  void start() throws Exception {
    cli = new Cli(tmp);
    cli.enable();
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  private static JsonNode json(Cli.Run r) throws Exception {
    return MAPPER.readTree(r.out());
  }

  private static void envelope(JsonNode j, String command, boolean ok, int exitCode) {
    assertThat(fields(j)).containsExactly("command", "ok", "exitCode", "message", "data");
    assertThat(j.get("command").asText()).isEqualTo(command);
    assertThat(j.get("ok").isBoolean()).isTrue();
    assertThat(j.get("ok").asBoolean()).isEqualTo(ok);
    assertThat(j.get("exitCode").asInt()).isEqualTo(exitCode);
    assertThat(j.get("message").isTextual()).isTrue();
    assertThat(j.get("data").isObject()).isTrue();
  }

  private static List<String> fields(JsonNode n) {
    java.util.ArrayList<String> names = new java.util.ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void statusJsonHasEverySectionWithStableFieldNames() throws Exception {
    cli.run("register", cli.token());
    JsonNode j = json(cli.run("status", "--json"));
    envelope(j, "status", true, 0);
    JsonNode d = j.get("data");
    assertThat(fields(d))
        .containsExactly(
            "enabled",
            "productName",
            "udis",
            "agentVersion",
            "registration",
            "authorization",
            "licenseConversion",
            "transport",
            "evaluation",
            "licenses",
            "reservation",
            "allowedOperations");
    assertThat(fields(d.get("registration")))
        .containsExactly(
            "status",
            "statusDisplay",
            "smartAccount",
            "virtualAccount",
            "exportControlled",
            "initialRegistration",
            "lastRenewalAttempt",
            "nextRenewalAttempt",
            "registrationExpires",
            "lastFailure");
    assertThat(d.at("/registration/status").asText()).isEqualTo("REGISTERED");
    assertThat(d.at("/registration/smartAccount").asText()).isEqualTo("acme");
    assertThat(d.at("/registration/initialRegistration").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(d.at("/registration/lastFailure").isNull()).isTrue();
    assertThat(fields(d.get("authorization")))
        .containsExactly(
            "status",
            "statusDisplay",
            "evaluationRemainingSeconds",
            "lastCommunicationAttempt",
            "nextCommunicationAttempt",
            "communicationDeadline",
            "lastFailure");
    assertThat(d.at("/authorization/evaluationRemainingSeconds").isIntegralNumber()).isTrue();
    assertThat(fields(d.get("transport")))
        .containsExactly("type", "url", "proxy", "serverIdentityCheck");
    assertThat(fields(d.get("evaluation")))
        .containsExactly("available", "inUse", "remainingSeconds", "expiresAt");
    JsonNode license = d.get("licenses").get(0);
    assertThat(fields(license))
        .containsExactly(
            "tag",
            "name",
            "description",
            "count",
            "unit",
            "version",
            "base",
            "status",
            "statusDisplay",
            "allowed",
            "graceEnds",
            "reason");
    assertThat(license.get("count").isIntegralNumber()).isTrue();
    assertThat(license.get("base").asBoolean()).isTrue();
    assertThat(fields(d.get("reservation")))
        .containsExactly(
            "enabled",
            "requestCode",
            "lastReturnCode",
            "lastConfirmationCode",
            "installedType",
            "status");
    assertThat(d.get("allowedOperations").toString()).contains("DEREGISTER", "RENEW_AUTH");
  }

  @Test
  void summaryJsonHasOneRowPerLicense() throws Exception {
    JsonNode j = json(cli.run("summary", "--json"));
    envelope(j, "summary", true, 0);
    JsonNode rows = j.at("/data/licenses");
    assertThat(rows.size()).as("the email gateway's 15 licenses").isEqualTo(15);
    assertThat(fields(rows.get(0)))
        .containsExactly("feature", "tag", "status", "statusDisplay", "expires", "count");
    assertThat(rows.get(2).get("status").asText()).isEqualTo("INITIALIZED");
  }

  @Test
  void serverOperationsReportTheirOutcome() throws Exception {
    JsonNode ok = json(cli.run("register", "--json", cli.token()));
    envelope(ok, "register", true, 0);
    assertThat(fields(ok.get("data")))
        .containsExactly("operation", "outcome", "rejectReason", "nextRetry");
    assertThat(ok.at("/data/outcome").asText()).isEqualTo("SUCCEEDED");
    cli.run("deregister", "--yes");
    JsonNode refused = json(cli.run("register", "--json", "NOSUCHTOKEN123456"));
    envelope(refused, "register", false, 3);
    assertThat(refused.at("/data/outcome").asText()).isEqualTo("REJECTED");
    assertThat(refused.at("/data/rejectReason").isTextual()).isTrue();
  }

  @Test
  void errorsAreJsonToo() throws Exception {
    Cli.Run r = cli.run("deregister", "--json", "--yes");
    envelope(json(r), "deregister", false, 5);
    assertThat(r.err()).isNotBlank();
  }

  @Test
  void listsAndCodesHaveTheirOwnData() throws Exception {
    JsonNode list = json(cli.run("requestsmart_license", "--json", "--list"));
    assertThat(fields(list.at("/data/licenses/0")))
        .containsExactly("number", "tag", "name", "availability", "selected");
    JsonNode url = json(cli.run("url", "--json"));
    assertThat(fields(url.get("data")))
        .containsExactly(
            "type",
            "typeDisplay",
            "url",
            "proxy",
            "proxyUser",
            "proxyPasswordSet",
            "serverIdentityCheck",
            "trustedCa",
            "sendHostname",
            "versionPrivacy",
            "fipsMode");
    cli.run("enable_reservation");
    JsonNode code = json(cli.run("request_code", "--json"));
    assertThat(code.at("/data/requestCode").asText()).startsWith("CB-");
    assertThat(code.at("/data/type").asText()).isEqualTo("SPECIFIC");
    JsonNode udi = json(cli.run("udi", "--json"));
    assertThat(udi.at("/data/udis/0/udi").asText()).isEqualTo(Cli.UDI);
  }
}
