package io.hf4j.cli;

import io.hf4j.hub.WhoAmI;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code hf4j auth ...}. */
@Command(name = "auth", description = "Who the token belongs to.", subcommands = AuthCommand.WhoAmICommand.class)
final class AuthCommand extends GroupCommand {
  @Command(name = "whoami", description = "Show the user (and organizations) of the token.")
  static final class WhoAmICommand extends BaseCommand {
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
