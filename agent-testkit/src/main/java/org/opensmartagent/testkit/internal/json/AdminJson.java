package org.opensmartagent.testkit.internal.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.opensmartagent.testkit.AccountInfo;
import org.opensmartagent.testkit.LicenseGrant;
import org.opensmartagent.testkit.TokenInfo;

/** The admin API's JSON for accounts, pools and tokens (a token by its id only). Stateless. */
final class AdminJson {
  private AdminJson() {}

  static ArrayNode accounts(List<AccountInfo> accounts) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    for (AccountInfo a : accounts) {
      ArrayNode vas = array.addObject().put("name", a.name()).putArray("virtualAccounts");
      for (AccountInfo.Virtual va : a.virtualAccounts()) {
        vas.addObject()
            .put("name", va.name())
            .put("autoGrant", va.autoGrant())
            .set("licenses", grants(va.licenses()));
      }
    }
    return array;
  }

  static ArrayNode grants(List<LicenseGrant> grants) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    for (LicenseGrant g : grants) {
      ObjectNode n =
          array
              .addObject()
              .put("tag", g.tag().value())
              .put("count", g.count())
              .put("allowOverage", g.allowOverage())
              .put("term", g.term().toString());
      g.term().start().ifPresent(t -> n.put("start", t.toString()));
      g.term().end().ifPresent(t -> n.put("end", t.toString()));
    }
    return array;
  }

  static ArrayNode tokens(List<TokenInfo> tokens) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    for (TokenInfo t : tokens) {
      array
          .addObject()
          .put("id", t.id())
          .put("virtualAccount", t.virtualAccount())
          .put("description", t.spec().description())
          .put("maxUses", t.spec().maxUses())
          .put("uses", t.uses())
          .put("exportControlled", t.spec().exportControlled())
          .put("createdAt", t.createdAt().toString())
          .put("expiresAt", t.expiresAt().toString())
          .put("revoked", t.revoked());
    }
    return array;
  }
}
