package io.hf4j.cli;

import io.hf4j.hub.WhoAmI;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hf4j auth ...}. */
final class AuthCommand extends GroupCommand {
  @Override
  CommandSpec define() {
    return group(this, "auth", "Who the token belongs to.", new WhoAmICommand());
  }

  static final class WhoAmICommand extends BaseCommand {
    @Override
    CommandSpec define() {
      return Model.command(this, "whoami", "Show the user (and organizations) of the token.");
    }

    @Override
    public Integer call() {
      WhoAmI me = root().hub().whoami();
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("name", me.name());
      data.put("type", me.type());
      data.put("fullname", me.fullname());
      data.put("email", me.email());
      data.put("orgs", me.orgNames());
      WhoAmI.AccessToken token = me.auth() == null ? null : me.auth().accessToken();
      data.put("token_name", token == null ? null : token.displayName());
      data.put("token_role", token == null ? null : token.role());
      data.put("endpoint", root().config().endpoint().toString().replaceAll("/$", ""));
      print(data);
      return 0;
    }
  }
}
