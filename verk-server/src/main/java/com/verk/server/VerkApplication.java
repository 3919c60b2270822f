package com.verk.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Verk Webhooks: management API, dashboard and delivery engine in one process. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VerkApplication {

  public static void main(String[] args) {
    SpringApplication.run(VerkApplication.class, args);
  }
}
