package com.verk.server.workspace;

import com.verk.server.events.EventPublisher;
import com.verk.server.system.VerkProperties;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

class RollbackPostgresTest extends OnPostgres implements RollbackContract {

  @MockitoSpyBean EventPublisher publisher;
  @Autowired VerkProperties properties;

  @Override
  public EventPublisher publisher() {
    return publisher;
  }

  @Override
  public Path dataDir() {
    return properties.dataDir();
  }
}
