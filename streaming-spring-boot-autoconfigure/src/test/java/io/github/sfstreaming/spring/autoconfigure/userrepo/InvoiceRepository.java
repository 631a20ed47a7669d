package io.github.sfstreaming.spring.autoconfigure.userrepo;

import org.springframework.data.repository.CrudRepository;

/**
 * An application's own Spring Data JDBC repository, which must still be detected with the starter present.
 */
public interface InvoiceRepository extends CrudRepository<Invoice, Long> {

}
