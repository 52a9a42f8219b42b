# Installs the library, its headers and a package configuration so that
# consumers can write find_package(maelstrom CONFIG REQUIRED) and link
# maelstrom::maelstrom.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

function(maelstrom_install_library target header_dir)
  install(TARGETS ${target} EXPORT maelstromTargets
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
          INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  install(DIRECTORY "${header_dir}" DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
          FILES_MATCHING PATTERN "*.hpp")

  set(config_dir ${CMAKE_INSTALL_LIBDIR}/cmake/maelstrom)
  install(EXPORT maelstromTargets NAMESPACE maelstrom:: DESTINATION ${config_dir})
  configure_package_config_file(
    "${PROJECT_SOURCE_DIR}/cmake/maelstromConfig.cmake.in"
    "${PROJECT_BINARY_DIR}/maelstromConfig.cmake"
    INSTALL_DESTINATION ${config_dir})
  write_basic_package_version_file(
    "${PROJECT_BINARY_DIR}/maelstromConfigVersion.cmake"
    VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
  install(FILES "${PROJECT_BINARY_DIR}/maelstromConfig.cmake"
                "${PROJECT_BINARY_DIR}/maelstromConfigVersion.cmake"
          DESTINATION ${config_dir})
endfunction()
