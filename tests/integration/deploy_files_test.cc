// The files that run shapewatch for real, checked without running them where
// that is impossible here (no Docker engine): the Dockerfile's structure and
// packages, docker-compose's services and mounts, Alertmanager's config, and
// what `cmake --install` lays out.
#include <fnmatch.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/integration/support/child_process.h"
#include "tests/integration/support/daemon_under_test.h"

namespace shapewatch::testing {
namespace {
namespace fs = std::filesystem;

const fs::path kSource = SHAPEWATCH_SOURCE_DIR;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> Words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

// One Dockerfile instruction, continuation lines joined.
struct Instruction {
  std::string keyword;  // FROM, COPY, ...
  std::string args;
  int stage = 0;  // index of the FROM it belongs to
};

std::vector<Instruction> ParseDockerfile(const std::string& text) {
  std::vector<Instruction> out;
  std::istringstream in(text);
  std::string line, joined;
  int stage = -1;
  while (std::getline(in, line)) {
    if (joined.empty() && (line.empty() || line[0] == '#')) continue;
    if (!line.empty() && line.back() == '\\') {
      joined += line.substr(0, line.size() - 1) + " ";
      continue;
    }
    joined += line;
    const auto space = joined.find(' ');
    Instruction i{joined.substr(0, space),
                  space == std::string::npos ? "" : joined.substr(space + 1)};
    if (i.keyword == "FROM") ++stage;
    i.stage = stage;
    out.push_back(i);
    joined.clear();
  }
  return out;
}

// Whether .dockerignore keeps `path` (relative) in the build context: the
// last pattern that matches it decides.
bool InContext(const std::string& path, const std::string& dockerignore) {
  bool included = true;
  std::istringstream in(dockerignore);
  for (std::string p; std::getline(in, p);) {
    if (p.empty() || p[0] == '#') continue;
    const bool negate = p[0] == '!';
    if (negate) p.erase(0, 1);
    while (!p.empty() && p.back() == '/') p.pop_back();
    if (fnmatch(p.c_str(), path.c_str(), 0) == 0 || path.rfind(p + "/", 0) == 0) {
      included = negate;
    }
  }
  return included;
}

// Packages named by `apt-get install` in a RUN instruction.
std::vector<std::string> AptPackages(const std::string& run) {
  std::vector<std::string> packages;
  const std::vector<std::string> words = Words(run);
  bool in_install = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "apt-get" && i + 1 < words.size() && words[i + 1] == "install") {
      in_install = true;
      ++i;
    } else if (words[i] == "&&") {
      in_install = false;
    } else if (in_install && words[i][0] != '-') {
      packages.push_back(words[i]);
    }
  }
  return packages;
}

class Dockerfile : public ::testing::Test {
 protected:
  std::vector<Instruction> instructions = ParseDockerfile(ReadFile(kSource / "Dockerfile"));
  int last_stage() const { return instructions.empty() ? -1 : instructions.back().stage; }
  std::vector<std::string> Args(const std::string& keyword, int stage) const {
    std::vector<std::string> out;
    for (const auto& i : instructions) {
      if (i.keyword == keyword && i.stage == stage) out.push_back(i.args);
    }
    return out;
  }
};

TEST_F(Dockerfile, BuildsOnDebian12AndRunsOnASlimImage) {
  ASSERT_EQ(last_stage(), 1);
  EXPECT_EQ(Args("FROM", 0).at(0), "debian:bookworm AS build");
  EXPECT_EQ(Args("FROM", 1).at(0), "debian:bookworm-slim");
}

TEST_F(Dockerfile, EveryCopySourceExistsAndIsInTheBuildContext) {
  const std::string ignore = ReadFile(kSource / ".dockerignore");
  int copies = 0;
  for (const auto& i : instructions) {
    if (i.keyword != "COPY" || i.args.find("--from=") != std::string::npos) continue;
    std::vector<std::string> words = Words(i.args);
    words.pop_back();  // the destination
    for (const std::string& source : words) {
      ++copies;
      EXPECT_TRUE(fs::exists(kSource / source)) << source;
      EXPECT_TRUE(InContext(source, ignore)) << source << " is excluded by .dockerignore";
    }
  }
  EXPECT_GT(copies, 5);
}

TEST_F(Dockerfile, RunsAsNonRootWithStateVolumeHealthcheckAndPorts) {
  const auto user = Args("USER", last_stage());
  ASSERT_EQ(user.size(), 1u);
  EXPECT_EQ(user[0].rfind("root", 0), std::string::npos);
  EXPECT_NE(user[0].rfind("0", 0), 0u);
  ASSERT_EQ(Args("VOLUME", last_stage()).size(), 1u);
  EXPECT_NE(Args("VOLUME", last_stage())[0].find("\"/var/lib/shapewatch\""), std::string::npos);
  const auto expose = Words(Args("EXPOSE", last_stage()).at(0));
  EXPECT_EQ(std::set<std::string>(expose.begin(), expose.end()),
            (std::set<std::string>{"2003/tcp", "2003/udp", "9464/tcp"}));
  const auto health = Args("HEALTHCHECK", last_stage());
  ASSERT_EQ(health.size(), 1u);
  EXPECT_NE(health[0].find("CMD [\"bash\""), std::string::npos) << health[0];
  EXPECT_NE(health[0].find("/dev/tcp/127.0.0.1/9464"), std::string::npos) << health[0];
}

// The configuration baked into the image listens where EXPOSE and the
// healthcheck say, on all interfaces, and keeps models in the volume.
TEST_F(Dockerfile, ImageConfigurationIsValidAndMatchesThePorts) {
  const fs::path config = kSource / "deploy/shapewatch/shapewatch.yaml";
  const RunResult check = RunProgram({DaemonBinary(), "--check-config", config.string()});
  EXPECT_EQ(check.status, 0) << check.output;
  const YAML::Node yaml = YAML::LoadFile(config.string());
  EXPECT_EQ(yaml["listen"]["graphite"].as<std::string>(), "0.0.0.0:2003");
  EXPECT_EQ(yaml["listen"]["metrics"].as<std::string>(), "0.0.0.0:9464");
  EXPECT_EQ(yaml["state_dir"].as<std::string>(), "/var/lib/shapewatch");
  bool copied = false;
  for (const auto& c : Args("COPY", last_stage())) {
    copied |= c == "deploy/shapewatch/shapewatch.yaml /etc/shapewatch/shapewatch.yaml";
  }
  EXPECT_TRUE(copied);
}

TEST_F(Dockerfile, AptPackagesExistInDebian) {
  if (access("/usr/bin/apt-cache", X_OK) != 0) GTEST_SKIP() << "apt-cache is not available";
  std::vector<std::string> command = {"/usr/bin/apt-cache", "show", "--no-all-versions"};
  std::vector<std::string> runtime;
  for (const auto& i : instructions) {
    if (i.keyword != "RUN") continue;
    for (const auto& p : AptPackages(i.args)) {
      command.push_back(p);
      if (i.stage == last_stage()) runtime.push_back(p);
    }
  }
  EXPECT_EQ(runtime, (std::vector<std::string>{"libprometheus-cpp-core1.0",
                                               "libprometheus-cpp-pull1.0", "libyaml-cpp0.7"}));
  ASSERT_GE(command.size(), 3u + 8u);
  // One call for all (each apt-cache start reads the whole cache); a
  // package it knows appears as its own "Package:" line.
  const RunResult r = RunProgram(command);
  for (std::size_t i = 3; i < command.size(); ++i) {
    EXPECT_NE(r.output.find("Package: " + command[i] + "\n"), std::string::npos)
        << command[i] << " is not a Debian package known to apt:\n"
        << r.output;
  }
}

TEST(DockerCompose, RunsTheStackWithFilesThatExist) {
  const fs::path deploy = kSource / "deploy";
  const YAML::Node compose = YAML::LoadFile((deploy / "docker-compose.yml").string());
  std::set<std::string> services;
  for (const auto& s : compose["services"]) services.insert(s.first.as<std::string>());
  EXPECT_EQ(services,
            (std::set<std::string>{"shapewatch", "prometheus", "alertmanager", "grafana"}));
  const YAML::Node build = compose["services"]["shapewatch"]["build"];
  EXPECT_TRUE(fs::exists(deploy / build["context"].as<std::string>() /
                         build["dockerfile"].as<std::string>()));
  for (const auto& s : compose["services"]) {
    for (const auto& v : s.second["volumes"]) {
      const std::string spec = v.as<std::string>();
      if (spec.rfind("./", 0) != 0 && spec.rfind("../", 0) != 0) continue;  // named volume
      const std::string source = spec.substr(0, spec.find(':'));
      EXPECT_TRUE(fs::exists(deploy / source)) << s.first.as<std::string>() << ": " << spec;
    }
  }
}

// Prometheus and Grafana find what compose gives them.
TEST(DockerCompose, ServicesReferToEachOtherByTheirComposeNames) {
  const fs::path deploy = kSource / "deploy";
  const std::string prometheus = ReadFile(deploy / "prometheus/prometheus.yml");
  EXPECT_NE(prometheus.find("shapewatch:9464"), std::string::npos);
  EXPECT_NE(prometheus.find("alertmanager:9093"), std::string::npos);
  const YAML::Node compose = YAML::LoadFile((deploy / "docker-compose.yml").string());
  std::vector<std::string> grafana_mounts;
  for (const auto& v : compose["services"]["grafana"]["volumes"]) {
    const std::string spec = v.as<std::string>();
    const auto colon = spec.find(':');
    grafana_mounts.push_back(spec.substr(colon + 1, spec.find(':', colon + 1) - colon - 1));
  }
  const fs::path providers = deploy / "grafana/provisioning/dashboards";
  if (!fs::exists(providers)) return;
  for (const auto& f : fs::directory_iterator(providers)) {
    for (const auto& p : YAML::LoadFile(f.path().string())["providers"]) {
      const std::string path = p["options"]["path"].as<std::string>();
      bool mounted = false;
      for (const auto& m : grafana_mounts) mounted |= path.rfind(m, 0) == 0;
      EXPECT_TRUE(mounted) << f.path() << ": dashboards path " << path << " is not mounted";
    }
  }
}

TEST(Alertmanager, ConfigurationPassesAmtool) {
  if (access("/usr/bin/amtool", X_OK) != 0)
    GTEST_SKIP() << "amtool (prometheus-alertmanager) missing";
  const RunResult r = RunProgram({"/usr/bin/amtool", "check-config",
                                  (kSource / "deploy/alertmanager/alertmanager.yml").string()});
  EXPECT_EQ(r.status, 0) << r.output;
}

TEST(CmakeInstall, PutsEverythingInTheStandardPlaces) {
  TempDir dir;
  const std::string prefix = dir.File("prefix");
  const RunResult r = RunProgram(
      {SHAPEWATCH_CMAKE_COMMAND, "--install", SHAPEWATCH_BINARY_DIR, "--prefix", prefix});
  ASSERT_EQ(r.status, 0) << r.output;
  const fs::path p = prefix;
  for (const char* file :
       {"bin/shapewatchd", "bin/shapewatch", "lib/systemd/system/shapewatchd.service",
        "etc/shapewatch/shapewatch.yaml", "share/doc/shapewatch/shapewatch.example.yaml",
        "share/shapewatch/docker-compose.yml", "share/shapewatch/prometheus/prometheus.yml",
        "share/shapewatch/prometheus/shapewatch-rules.yml",
        "share/shapewatch/alertmanager/alertmanager.yml",
        "share/shapewatch/shapewatch/shapewatch.yaml"}) {
    EXPECT_TRUE(fs::exists(p / file)) << file << "\n" << r.output;
  }
  // The Dockerfile's runtime stage copies from a DESTDIR=/out install with
  // prefix /usr: the same layout.
  for (const auto& i : ParseDockerfile(ReadFile(kSource / "Dockerfile"))) {
    if (i.keyword != "COPY" || i.args.rfind("--from=build ", 0) != 0) continue;
    std::vector<std::string> words = Words(i.args);
    for (std::size_t w = 1; w + 1 < words.size(); ++w) {
      ASSERT_EQ(words[w].rfind("/out/usr/", 0), 0u) << words[w];
      EXPECT_TRUE(fs::exists(p / words[w].substr(9))) << i.args;
    }
  }
  EXPECT_EQ(fs::status(p / "bin/shapewatchd").permissions() & fs::perms::owner_exec,
            fs::perms::owner_exec);
  // The unit names the configure-time prefix, where a real install puts them.
  const std::string unit = ReadFile(p / "lib/systemd/system/shapewatchd.service");
  EXPECT_NE(unit.find("ExecStart=" SHAPEWATCH_INSTALL_BINDIR "/shapewatchd --config /"),
            std::string::npos)
      << unit;
  EXPECT_NE(unit.find("/shapewatch/shapewatch.yaml\n"), std::string::npos) << unit;
  const RunResult check = RunProgram({(p / "bin/shapewatchd").string(), "--check-config",
                                      (p / "etc/shapewatch/shapewatch.yaml").string()});
  EXPECT_EQ(check.status, 0) << check.output;
}

}  // namespace
}  // namespace shapewatch::testing
