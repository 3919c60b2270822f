package com.verk.server.workspace;

import com.verk.server.system.VerkProperties;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Upload limits from {@code verk.max-file-size}: the file itself may be exactly that large, so the
 * whole request may exceed it by the multipart framing and the small {@code taskId} part.
 */
@Configuration(proxyBeanMethods = false)
class UploadConfig {

  static final long FRAMING_ALLOWANCE = 64 * 1024;

  @Bean
  MultipartConfigElement multipartConfigElement(VerkProperties properties) {
    long maxFile = properties.maxFileSize().toBytes();
    return new MultipartConfigElement("", maxFile, maxFile + FRAMING_ALLOWANCE, 0);
  }
}
