# `npm run` exports its own configuration and a description of itself (npm_config_user_agent with
# its Node version, npm_config_node_gyp, npm_config_nodedir, npm_config_prefix, npm_execpath, …) to
# the script it runs. An npm started from that script reads them back as its own settings, so an
# inner install would build with the outer Node's headers and report the outer Node's version to
# postinstall checks (code-server's refuses anything but Node 24). `without_outer_npm` runs a command
# with those variables removed; the settings that say how to reach the registry stay, because the
# inner npm could not read them from anywhere else when they were given in the environment.
without_outer_npm() {
  local keep='^npm_config_(registry|cafile|ca|cert|key|proxy|https_proxy|noproxy|strict_ssl|cache|userconfig|globalconfig)='
  local unset_args=()
  local name
  while IFS='=' read -r name _; do
    [[ $name == npm_* ]] || continue
    [[ "$name=" =~ $keep ]] && continue
    unset_args+=(-u "$name")
  done < <(env)
  env "${unset_args[@]}" "$@"
}
