# `cmake --install`: the binaries, the systemd unit, a ready-to-run
# configuration, the example configuration and the deploy files.
#
# A system install (what the unit's paths assume):
#   cmake -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_INSTALL_SYSCONFDIR=/etc ...
# The unit's ExecStart and --config are rewritten to this configure-time
# prefix, so install with the same prefix (or DESTDIR for staging).
include(GNUInstallDirs)

install(TARGETS shapewatchd shapewatch RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Where the files will end up at run time, as the unit must name them.
if(IS_ABSOLUTE "${CMAKE_INSTALL_SYSCONFDIR}")
  set(_shapewatch_sysconf "${CMAKE_INSTALL_SYSCONFDIR}")
else()
  set(_shapewatch_sysconf "${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_SYSCONFDIR}")
endif()
file(READ ${PROJECT_SOURCE_DIR}/systemd/shapewatchd.service _shapewatch_unit)
string(REPLACE "/usr/bin/shapewatchd" "${CMAKE_INSTALL_FULL_BINDIR}/shapewatchd"
       _shapewatch_unit "${_shapewatch_unit}")
string(REPLACE "/etc/shapewatch/" "${_shapewatch_sysconf}/shapewatch/"
       _shapewatch_unit "${_shapewatch_unit}")
file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/systemd/shapewatchd.service
     CONTENT "${_shapewatch_unit}" @ONLY)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${PROJECT_SOURCE_DIR}/systemd/shapewatchd.service)

install(FILES ${PROJECT_BINARY_DIR}/systemd/shapewatchd.service
        DESTINATION lib/systemd/system)
install(FILES systemd/shapewatch.yaml
        DESTINATION ${CMAKE_INSTALL_SYSCONFDIR}/shapewatch)
install(FILES config/shapewatch.example.yaml README.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY deploy/ DESTINATION ${CMAKE_INSTALL_DATADIR}/shapewatch)
