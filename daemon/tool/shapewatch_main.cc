// The shapewatch command-line tool: train, replay, inspect, push.
#include <iostream>
#include <string>
#include <vector>

#include "daemon/tool/dispatch.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  return shapewatch::tool::RunShapewatch(args, std::cout, std::cerr);
}
