class Order
  def self.table
    "orders_v1"
  end
end
